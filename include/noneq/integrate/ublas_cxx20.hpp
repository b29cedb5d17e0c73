// noneq/integrate/ublas_cxx20.hpp — lets Boost.uBLAS <= 1.75 (used by odeint's rosenbrock4)
// compile as C++20. Its unbounded_array calls std::allocator<T>::construct/destroy, which C++20
// removed (boostorg/ublas issues #95/#96, fixed upstream by pull request #103 in a later Boost).
// For the two element types rosenbrock4 needs (double for vectors and matrices, std::size_t
// for the LU permutation), the two member functions that use them are explicitly specialised
// here with placement-new, behaviour otherwise unchanged. Include before any use of
// ublas::vector<double> or ublas::matrix<double>.
#pragma once

#include <boost/numeric/ublas/storage.hpp>
#include <boost/version.hpp>

#include <cstddef>
#include <memory>
#include <new>

#if BOOST_VERSION < 107600 && __cplusplus > 201703L
#define NONEQ_UBLAS_ALLOCATOR_FIX(T)                                                               \
    template <>                                                                                    \
    inline boost::numeric::ublas::unbounded_array<T, std::allocator<T>>::unbounded_array(          \
        size_type size, const std::allocator<T>& a)                                                \
        : alloc_(a), size_(size) {                                                                 \
        data_ = size_ ? alloc_.allocate(size_) : nullptr;                                          \
        for (size_type i = 0; i < size_; ++i)                                                      \
            ::new (static_cast<void*>(data_ + i)) T();                                             \
    }                                                                                              \
    template <>                                                                                    \
    inline void boost::numeric::ublas::unbounded_array<T, std::allocator<T>>::resize_internal(     \
        const size_type size, const value_type init, const bool preserve) {                        \
        if (size == size_) return;                                                                 \
        pointer p_data = data_;                                                                    \
        if (size) {                                                                                \
            data_ = alloc_.allocate(size);                                                         \
            size_type i = 0;                                                                       \
            if (preserve)                                                                          \
                for (; i < size && i < size_; ++i)                                                 \
                    ::new (static_cast<void*>(data_ + i)) T(p_data[i]);                            \
            for (; i < size; ++i)                                                                  \
                ::new (static_cast<void*>(data_ + i)) T(preserve ? init : T());                    \
        }                                                                                          \
        if (size_) alloc_.deallocate(p_data, size_);                                               \
        if (!size) data_ = nullptr;                                                                \
        size_ = size;                                                                              \
    }
NONEQ_UBLAS_ALLOCATOR_FIX(double)
NONEQ_UBLAS_ALLOCATOR_FIX(std::size_t)
#undef NONEQ_UBLAS_ALLOCATOR_FIX
#endif
